package sandbox

import (
	"fmt"
	"net/http"
)

// The IAM errors of the MFA operations (8.2–8.4), in the Query protocol's
// vocabulary. Codes and statuses come from the IAM model; messages marked
// [EMU] follow moto, the others are UNVERIFIED best guesses.

// iamNoSuchEntity is 404 NoSuchEntity.
func iamNoSuchEntity(message string) *protocolError {
	return &protocolError{http.StatusNotFound, "NoSuchEntity", message}
}

// iamNoSuchDevice is NoSuchEntity for an unknown virtual device serial.
func iamNoSuchDevice(serial string) *protocolError {
	return iamNoSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.")
}

// iamNoSuchUser is NoSuchEntity for an unknown user name [EMU].
func iamNoSuchUser(name string) *protocolError {
	return iamNoSuchEntity("The user with name " + name + " cannot be found.")
}

// iamEntityAlreadyExists is 409 EntityAlreadyExists.
func iamEntityAlreadyExists(message string) *protocolError {
	return &protocolError{http.StatusConflict, "EntityAlreadyExists", message}
}

// iamDeleteConflict is 409 DeleteConflict.
func iamDeleteConflict(message string) *protocolError {
	return &protocolError{http.StatusConflict, "DeleteConflict", message}
}

// iamInvalidAuthenticationCode is EnableMFADevice's 403 for codes that are
// wrong, not consecutive or already used (message UNVERIFIED).
func iamInvalidAuthenticationCode() *protocolError {
	return &protocolError{http.StatusForbidden, "InvalidAuthenticationCode", "Authentication code for device is not valid."}
}

// iamValidationError is the 400 ValidationError of a parameter outside its
// model constraints, worded like AWS's "1 validation error detected" answers.
func iamValidationError(param, value, constraint string) *protocolError {
	shown := "null"
	if value != "" {
		shown = "'" + value + "'"
	}
	return &protocolError{http.StatusBadRequest, "ValidationError",
		fmt.Sprintf("1 validation error detected: Value %s at '%s' failed to satisfy constraint: %s", shown, param, constraint)}
}

// iamAccessDenied is IAM's 403 for an action the caller may not perform on a resource.
func iamAccessDenied(p *principal, action, resource string) *protocolError {
	return &protocolError{http.StatusForbidden, "AccessDenied",
		"User: " + p.creds.ARN + " is not authorized to perform: " + action + " on resource: " + resource}
}
