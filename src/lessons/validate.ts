/**
 * Checks a loaded lesson beyond its structure (which loadLessons checks): its id fits in a URL, and every
 * click-to-run command is a complete command that the shell can parse. Kept apart from the loader so the
 * page does not carry the shell's parser just to show lessons that lessons:check already proved.
 */
import { parse } from "just-bash";
import { isComplete } from "../shell/continuation.ts";
import { STEP_ID } from "./parse.ts";
import { LANGS, type Lesson, type LessonIssue } from "./types.ts";

export function validateLesson(lesson: Lesson): LessonIssue[] {
  const issues: LessonIssue[] = [];
  if (!STEP_ID.test(lesson.id)) issues.push({ lesson: lesson.id, file: "", message: `the folder name "${lesson.id}" is the lesson's id in URLs: lower-case letters, digits and '-'` });
  for (const lang of LANGS) {
    for (const step of lesson.docs[lang].steps) {
      step.commands.forEach((c, i) => {
        const problem = commandProblem(c.text);
        if (problem) issues.push({ lesson: lesson.id, file: `${lang}.md`, message: `step "${step.id}", run block ${i + 1}: ${problem}` });
      });
    }
  }
  return issues;
}

/** Why the shell would not run this text as one command, or null. */
export function commandProblem(text: string): string | null {
  if (!isComplete(text)) return "the command is not finished (an open quote, heredoc or loop): the terminal would wait for more lines";
  try {
    parse(text);
  } catch (e) {
    return `the shell cannot parse it: ${(e as Error).message}`;
  }
  return null;
}
