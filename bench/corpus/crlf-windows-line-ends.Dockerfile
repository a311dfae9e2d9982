FROM alpine:3.19
RUN apk add --no-cache curl=8.5.0-r0 \
    jq=1.7.1-r0
COPY entry.sh /entry.sh
ENTRYPOINT ["/entry.sh"]
