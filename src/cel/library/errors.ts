/**
 * Library errors: what a Kubernetes CEL function returns as types.NewErr is thrown here as a cel-js
 * EvaluationError carrying exactly that text, so the apiserver can quote it after "resulted in error:".
 */
import { EvaluationError } from "@marcbachmann/cel-js";

export function celError(message: string): EvaluationError {
  return new EvaluationError(message);
}

/** cel-go's types.NoSuchOverloadErr(): what a function says when handed a value of the wrong type. */
export const NO_SUCH_OVERLOAD = "no such overload";
