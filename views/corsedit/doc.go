// Package corsedit holds the parts of the CORS editor that need no screen:
// the working copy of the rules and its edits (list.go), one rule's form
// fields with the checks run as the user types (fields.go, form.go), and
// the CLI's JSON kept in files: import, export and a round trip through
// $EDITOR (files.go). The views package wraps them in a flow with the plan
// preview; this package imports awsops and huh, never views.
package corsedit
