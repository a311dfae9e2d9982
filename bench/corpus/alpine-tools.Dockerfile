FROM alpine:3.19
RUN apk update && apk add curl jq bash openssl
RUN wget -O /usr/local/bin/yq https://example.invalid/yq && chmod +x /usr/local/bin/yq
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.invalid/install.sh | bash
WORKDIR /work
ENTRYPOINT ["/bin/bash"]
