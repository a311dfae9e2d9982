FROM ubuntu
MAINTAINER Jane Doe <jane@example.invalid>
RUN apt-get update
RUN apt-get install -y python3 python3-pip curl wget vim
RUN pip3 install flask requests
ADD app.tar.gz /opt/
ADD . /opt/app
RUN cd /opt/app && make
ENV PATH /opt/app/bin:$PATH
EXPOSE 5000
CMD python3 /opt/app/main.py
