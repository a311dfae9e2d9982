FROM debian:12-slim
RUN useradd -m -u 1234567 bigid
USER bigid
WORKDIR /home/bigid
RUN mkdir -p work && cd work && touch file
USER root
RUN chown -R bigid /home/bigid
USER bigid
