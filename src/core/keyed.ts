/**
 * Records keyed by free text (evaluator names, question ids): no key is inherited and
 * "__proto__" is a key like any other, as with Object.create(null). But V8 keeps an
 * Object.create(null) object as a hash table (about 260 bytes for five keys, and
 * JSON.stringify's slow path), where an object made by a constructor whose prototype has no
 * prototype stays a fast object of a shape it shares with its kind: a workspace of thousands of
 * files makes tens of thousands of these (each question's scores by evaluator). Up to about
 * twenty keys: V8 turns an object given more keys by name into a hash table either way (an
 * evaluation's 28 answers), so there the two are alike.
 */
function Keyed(): void {}
Keyed.prototype = Object.create(null) as object;

/** An empty record that inherits nothing, in the engine's fast form. */
export function keyedRecord<T>(): Record<string, T> {
  return new (Keyed as unknown as new () => Record<string, T>)();
}
