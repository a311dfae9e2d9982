import { rule } from '../../../../src/lint/rules/DL3028';
import { testRule } from '../ruleTester';

testRule(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install bundler:2.5.6\n',
    'FROM ruby:3.3\nRUN gem install rails -v 7.1.3\n',
    'FROM ruby:3.3\nRUN gem install rails --version=7.1.3\n',
    'FROM ruby:3.3\nRUN gem update --system\n',
    'FROM ruby:3.3\nRUN bundle install\n',
    'FROM ruby:3.3\nRUN gem i nokogiri:1.16.2 -- --use-system-libraries\n',
    // hadolint reads the word after any option as that option's value, not as a gem.
    'FROM ruby:3.3\nRUN gem install --no-document rails\n',
  ],
  invalid: [
    { code: 'FROM ruby:3.3\nRUN gem install bundler\n', errors: [{ line: 2, column: 17, endLine: 2, endColumn: 24 }] },
    { code: 'FROM ruby:3.3\nRUN gem i rake\n', errors: [{ line: 2, column: 11, endColumn: 15 }] },
    { code: 'FROM ruby:3.3\nRUN gem install rails:7.1 puma --no-document\n', errors: [{ line: 2, column: 27, endColumn: 31 }] },
    { code: 'FROM ruby:3.3\nRUN gem update && gem install \\\n    rack\n', errors: [{ line: 3, column: 5, endColumn: 9 }] },
    { code: 'FROM ruby:3.3\nONBUILD RUN gem install foreman\n', errors: [{ line: 2, column: 25, endColumn: 32 }] },
  ],
});
