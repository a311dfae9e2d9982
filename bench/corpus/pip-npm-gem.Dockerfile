FROM python:3.11
RUN pip install requests flask==3.0.2
RUN npm install -g typescript
RUN gem install rails
RUN go install example.invalid/tool@latest
RUN easy_install something
CMD ["python"]
