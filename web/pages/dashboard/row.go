package dashboard

import (
	"context"
	"io"
	"strconv"
	"sync"

	"github.com/a-h/templ"

	"rebound/web/components"
)

// row is one athlete's row of the table. It is written straight into the
// page, as the template wrote it, rather than through a template: a
// dashboard draws a hundred rows, and the template's conversion of each of
// a row's thirty values and its class lists were a fifth of the server's
// work in drawing a dashboard anew.
func row(r Row) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		b := rowBuffers.Get().(*[]byte)
		defer rowBuffers.Put(b)
		*b = r.appendHead((*b)[:0])
		if _, err := w.Write(*b); err != nil {
			return err
		}
		if err := components.Sparkline(r.Spark()).Render(ctx, w); err != nil {
			return err
		}
		*b = r.appendTail((*b)[:0])
		_, err := w.Write(*b)
		return err
	})
}

var rowBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

var esc = components.AppendEscaped

// appendHead appends the row up to its sparkline: the athlete with their
// badges, tags and flags, and today's check-in.
func (r Row) appendHead(b []byte) []byte {
	path := string(athletePath(r))
	b = append(b, `<tr class="attention-`...)
	b = esc(b, attentionClass(r.Rank()))
	b = append(b, `"><th scope="row"><a href="`...)
	b = esc(b, path)
	b = append(b, `">`...)
	b = esc(b, r.Athlete.Name)
	b = append(b, `</a> `...)
	if r.Proposal != nil {
		b = append(b, `<a class="badge warn" href="`...)
		b = esc(b, path)
		b = append(b, `#proposal">Proposal to review</a> `...)
	}
	if r.Unread > 0 {
		b = append(b, `<a class="badge new" href="`...)
		b = esc(b, path)
		b = append(b, `/comments">`...)
		b = strconv.AppendInt(b, int64(r.Unread), 10)
		b = append(b, ` new `...)
		b = append(b, components.Plural(r.Unread, "comment", "comments")...)
		b = append(b, `</a> `...)
	}
	if len(r.Athlete.Tags) > 0 {
		b = append(b, `<span class="tags">`...)
		for i, t := range r.Athlete.Tags {
			if i > 0 {
				b = append(b, " · "...)
			}
			b = esc(b, t)
		}
		b = append(b, `</span> `...)
	}
	if flags := otherFlags(r); len(flags) > 0 {
		b = append(b, `<ul class="flags">`...)
		for _, f := range flags {
			b = append(b, `<li class="flag `...)
			b = esc(b, attentionClass(f.Kind))
			b = append(b, `">`...)
			b = esc(b, f.Text)
			b = append(b, `</li>`...)
		}
		b = append(b, `</ul>`...)
	}
	b = append(b, `</th><td data-label="Today" class="today-cell">`...)
	if c := r.CheckIn; c != nil {
		b = append(b, `<span class="light `...)
		b = esc(b, c.Light)
		b = append(b, `">`...)
		b = esc(b, components.Words(c.Light))
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(c.Score), 10)
		b = append(b, `</span> <span class="reason">`...)
		b = esc(b, components.ThirdPerson(c.FirstReason.Text))
		b = append(b, `</span>`...)
	} else {
		b = append(b, `<span class="muted">No check-in yet</span>`...)
	}
	return append(b, `</td><td data-label="Last 14 days">`...)
}

// appendTail appends the row after its sparkline: load, this week, what
// comes next and when the athlete last checked in.
func (r Row) appendTail(b []byte) []byte {
	b = append(b, `</td><td data-label="Load A:C" class="num`...)
	if r.ACWR > 1.5 {
		b = append(b, ` warn`...)
	}
	b = append(b, `">`...)
	b = esc(b, acwr(r.ACWR))
	b = append(b, `</td><td data-label="This week" class="num">`...)
	b = esc(b, compliance(r))
	b = append(b, `</td><td data-label="Next key workout">`...)
	if r.NextKey != nil {
		b = append(b, `<a href="`...)
		b = esc(b, r.NextKeyPath)
		b = append(b, `">`...)
		b = esc(b, when(r.Today, r.NextKey.Day))
		b = append(b, `</a> <span class="muted">`...)
		b = esc(b, r.NextKey.Title)
		b = append(b, `</span>`...)
	} else {
		b = append(b, `<span class="muted">None planned</span>`...)
	}
	b = append(b, `</td><td data-label="Next A event">`...)
	if r.NextEvent != nil {
		b = append(b, `<strong>`...)
		b = esc(b, daysLeft(r.Today, r.NextEvent.Day))
		b = append(b, `</strong> <span class="muted">`...)
		b = esc(b, r.NextEvent.Name)
		b = append(b, `</span>`...)
	} else {
		b = append(b, `<span class="muted">None</span>`...)
	}
	b = append(b, `</td><td data-label="Last check-in">`...)
	b = esc(b, lastSeen(r))
	return append(b, `</td></tr>`...)
}
