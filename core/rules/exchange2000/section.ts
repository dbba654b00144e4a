/** One section of the reference article and the built-in rules that come from it. */
import type { DeclarativeRule, Rule } from '../types';

export interface RuleSection {
  /** File name and test name: core/rules/exchange2000/<id>.ts, test/unit/rules/<id>.test.ts. */
  id: string;
  /** The heading of the article section the facts come from. */
  article: string;
  /** Rules written in code. */
  coded: Rule[];
  /** Rules written as data, compiled by rules/declarative. */
  declarative: DeclarativeRule[];
}
