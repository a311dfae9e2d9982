FROM debian:12-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
    && apt-get install -y --no-install-recommends wget=1.21.3-1+b2 gnupg=2.2.40-1.1 \
    && wget -qO- https://example.invalid/key.asc | gpg --dearmor > /usr/share/keyrings/example.gpg \
    && rm -rf /var/lib/apt/lists/*
RUN for f in a b c; do \
        echo "$f" >> /tmp/list; \
    done \
    && if [ -f /tmp/list ]; then cat /tmp/list; fi
