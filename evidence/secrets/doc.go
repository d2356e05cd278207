// Package secrets classifies configuration values (environment values,
// headers, arguments, URL parts) as references, placeholders, plain literals
// or literal credentials, and redacts credentials from raw artifacts.
//
// A secret value never leaves this package in the clear: a classified secret
// carries only its kind, a fingerprint (the first 12 hex digits of its sha256)
// and its shape (a known public prefix and its length).
package secrets
