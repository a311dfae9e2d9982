ARG VERSION=1.0
FROM alpine:3.19 AS one
ARG VERSION
RUN echo "building ${VERSION}"

FROM alpine:3.19 AS two
RUN echo "version is empty here: ${VERSION}"
ARG EXTRA
RUN echo "$EXTRA $UNDEFINED_THING"

FROM one
COPY --from=two /etc/os-release /two-os-release
