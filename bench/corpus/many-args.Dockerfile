ARG BASE_IMAGE=debian
ARG BASE_TAG=12-slim
FROM ${BASE_IMAGE}:${BASE_TAG}
ARG USER_ID=1000
ARG GROUP_ID=1000
ARG APP_DIR=/opt/app
ENV APP_DIR=${APP_DIR}
RUN groupadd -g "${GROUP_ID}" app && useradd -u "${USER_ID}" -g app -m app
WORKDIR ${APP_DIR}
COPY --chown=${USER_ID}:${GROUP_ID} . ${APP_DIR}
USER ${USER_ID}
CMD ["./run.sh"]
