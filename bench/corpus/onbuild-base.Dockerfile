FROM ruby:3.3-slim
LABEL org.opencontainers.image.authors="platform@example.invalid" \
      org.opencontainers.image.description="Base image for Rails apps"
WORKDIR /usr/src/app
ONBUILD COPY Gemfile Gemfile.lock ./
ONBUILD RUN bundle config set --local without 'development test' && bundle install --jobs 4
ONBUILD COPY . .
ONBUILD RUN bundle exec rake assets:precompile
EXPOSE 3000
CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]
