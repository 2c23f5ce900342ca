package apperr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCodeAndMessageSurviveWrapping(t *testing.T) {
	cause := errors.New("pq: relation \"users\" does not exist")
	err := fmt.Errorf("load athlete: %w", Wrap(NotFound, "No such athlete.", cause))
	if CodeOf(err) != NotFound || MessageOf(err) != "No such athlete." {
		t.Fatalf("code %q message %q", CodeOf(err), MessageOf(err))
	}
	if !errors.Is(err, cause) {
		t.Error("the cause is lost")
	}
}

func TestPlainErrorsAreInternalAndHidden(t *testing.T) {
	err := errors.New("dial tcp 10.0.0.5:5432: connection refused")
	if CodeOf(err) != Internal {
		t.Errorf("code %q", CodeOf(err))
	}
	if strings.Contains(MessageOf(err), "10.0.0.5") {
		t.Error("an internal detail reached the user message")
	}
}
