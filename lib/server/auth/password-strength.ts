// How guessable a new password is, by zxcvbn (@zxcvbn-ts/core with the common dictionaries and
// keyboard graphs): it catches what a list and a length rule do not — repetition
// (`abcabcabca`, `11111111112`), sequences, keyboard rows, dates, common words with decoration.
// Server-side only: the dictionaries are about 1 MB of JavaScript, which no page should carry;
// the form checks length and the common-password list as you type (lib/auth/password-policy.ts)
// and shows this check's message when the server answers.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

const WHY: Record<string, string> = {
  simpleRepeat: "含有重复的字符（如 1111、aaaa）",
  extendedRepeat: "含有重复的片段（如 abcabc）",
  sequences: "含有连续的字母或数字（如 abcd、1234）",
  straightRow: "含有键盘上连成一行的按键（如 qwerty）",
  keyPattern: "含有键盘上相邻按键组成的图案",
  recentYears: "主要由年份组成",
  dates: "主要由日期组成",
  topTen: "是最常见的密码之一",
  topHundred: "是最常见的密码之一",
  common: "是常见密码",
  similarToCommon: "与常见密码相似",
  wordByItself: "只是一个单词",
  namesByThemselves: "只是姓名",
  commonNames: "只是常见姓名",
  userInputs: "含有用户名",
};

let factory: ZxcvbnFactory | null = null;

/** The reason a new password is too easy to guess, in Chinese, or null when it is strong enough. */
export function passwordStrengthProblem(password: string, { username }: { username?: string } = {}): string | null {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const inputs = username ? [username, ...username.split(/[._-]+/).filter((p) => p.length >= 3)] : [];
  const result = factory.check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = (result.feedback.warning && WHY[result.feedback.warning]) || "规律性太强";
  return `该密码${why}，容易被猜中。请换一个更长、更没有规律的密码，例如几个不相关的词加上数字和符号。`;
}
