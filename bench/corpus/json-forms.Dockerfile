FROM alpine:3.19
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
RUN ["echo", "exec form"]
CMD ['single', 'quotes']
ENTRYPOINT ["/bin/sh", "-c", "exec \"$0\" \"$@\""]
COPY ["with space.txt", "/dest dir/"]
VOLUME ["/a", "/b"]
