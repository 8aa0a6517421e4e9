package sandbox

import (
	"net/http"
	"slices"
)

// failOperation answers 500 InternalError for an operation named in
// Options.FailOperations, before any check or change: tests use it to make
// one step of a plan fail on the server and see what the console reports
// about the steps before and after it.
func (s *Server) failOperation(op *operation) *s3Error {
	if !slices.Contains(s.opts.FailOperations, op.Name) {
		return nil
	}
	return newError(http.StatusInternalServerError, "InternalError",
		"We encountered an internal error. Please try again.").with("Detail", "sandbox: Options.FailOperations names "+op.Name)
}
