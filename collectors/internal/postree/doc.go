// Package postree parses JSON (and JSONC), YAML and TOML into one tree of
// position-carrying nodes, so that every collector reads configuration files
// the same way and can say where each value sits: its line and column, its
// JSON pointer, and the byte span of the text that wrote it.
//
// Parsing follows each syntax's reference reader where the readers of real
// configuration files agree: JSON repeats resolve last-wins (and are listed,
// see Leniency), YAML repeats are an error, TOML follows the TOML spec. Every
// parser bounds nesting (MaxNesting) and YAML alias expansion, so hostile
// input is rejected with a SyntaxError instead of exhausting memory or time.
//
// Errors never quote more than a few characters of the document: parser
// messages can contain the input they stopped at, and that input may be a
// credential.
package postree
