# syntax=docker/dockerfile:1
# check=skip=SecretsUsedInArgOrEnv
FROM python:3.12-slim
ARG PIP_INDEX_URL
RUN --mount=type=secret,id=netrc,target=/root/.netrc \
    pip install --no-cache-dir --index-url "$PIP_INDEX_URL" private-package==2.1.0
RUN --mount=type=ssh git clone git@example.invalid:org/repo.git /src || true
CMD ["python", "-m", "private_package"]
