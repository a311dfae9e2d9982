FROM debian:latest
RUN sudo apt-get update && sudo apt-get upgrade -y
RUN apt-get install curl
RUN cd /tmp && curl -sSL https://example.invalid/x.sh | sh
RUN ln -s /bin/bash /bin/sh
COPY . /
WORKDIR app
ENTRYPOINT python app.py
CMD ["--port", "80"]
CMD ["--port", "81"]
EXPOSE 99999
USER root
