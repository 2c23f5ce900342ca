package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"rebound/internal/activity"
	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/web/pages/uploads"
)

// uploadLimits bound what one upload may unpack to (a zip bomb stops at
// them): four times the upload, and the decoder's own ceilings.
func (s *Server) uploadLimits() activity.Limits {
	l := activity.DefaultLimits
	l.MaxTotalBytes = min(l.MaxTotalBytes, 4*s.cfg.MaxUploadBytes)
	return l
}

// importNew is "Add from a file" on a page of its own.
func (s *Server) importNew(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.showUpload(w, r, a, http.StatusOK, "")
}

func (s *Server) showUpload(w http.ResponseWriter, r *http.Request, a training.Athlete, status int, problem string) {
	s.render(w, r, status, uploads.New(s.page(r, "Add from a file"), uploads.NewData{Athlete: a, Problem: problem,
		MaxBytes: s.cfg.MaxUploadBytes, Back: weekPath(a, s.athleteToday(a))}))
}

// importCreate takes an upload of workout files — one or several FIT, GPX
// or TCX files, or zips of them — and queues it as an import job, which
// the workers read in the background; the browser goes to the job's page.
// Its route has a body limit of its own (MaxUploadBytes).
func (s *Server) importCreate(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	tooLarge := "This upload is larger than " + strconv.FormatInt(s.cfg.MaxUploadBytes>>20, 10) +
		" MB, the most Rebound takes at once. Upload fewer files at a time, or split the zip."
	if r.ContentLength > s.cfg.MaxUploadBytes {
		s.showUpload(w, r, a, http.StatusRequestEntityTooLarge, tooLarge)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	files, err := s.readUpload(r)
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		s.showUpload(w, r, a, http.StatusRequestEntityTooLarge, tooLarge)
		return
	}
	if err != nil {
		s.showUpload(w, r, a, http.StatusUnprocessableEntity, apperr.MessageOf(err))
		return
	}
	if len(files) == 0 {
		s.showUpload(w, r, a, http.StatusUnprocessableEntity, "Choose one or more .fit, .gpx or .tcx files, or a .zip of them.")
		return
	}
	job, err := s.store.CreateImport(r.Context(), u, a.ID, files)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if s.wakeImports != nil {
		s.wakeImports()
	}
	http.Redirect(w, r, importPath(a.ID, job), http.StatusSeeOther)
}

func importPath(athleteID, job int64) string {
	return athletePath(athleteID) + "/imports/" + strconv.FormatInt(job, 10)
}

// readUpload reads the files of a multipart upload (field "files"),
// unpacking zips and gzip: each workout file comes back with its bytes,
// or with the reason it cannot be taken (a zip that unpacks to too much
// comes back as one refused file).
func (s *Server) readUpload(r *http.Request) ([]store.UploadedFile, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "Choose one or more .fit, .gpx or .tcx files, or a .zip of them.")
	}
	lim := s.uploadLimits()
	var files []store.UploadedFile
	total := int64(0)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				return nil, err
			}
			return nil, apperr.Wrap(apperr.Invalid, "The upload was cut short. Please try again.", err)
		}
		name := uploadName(part)
		if part.FormName() != "files" || name == "" {
			part.Close()
			continue
		}
		data, err := io.ReadAll(part)
		part.Close()
		if err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				return nil, err
			}
			return nil, apperr.Wrap(apperr.Invalid, "The upload was cut short. Please try again.", err)
		}
		if len(data) == 0 {
			files = append(files, store.UploadedFile{Name: name, Reason: "This file is empty."})
			continue
		}
		got, err := activity.Expand(name, data, lim)
		if err != nil {
			files = append(files, store.UploadedFile{Name: name, Reason: refusalText(err)})
			continue
		}
		for _, f := range got {
			total += int64(len(f.Data))
			switch {
			case len(files) >= lim.MaxFiles:
				return nil, apperr.New(apperr.Invalid, "This upload holds more than "+strconv.Itoa(lim.MaxFiles)+
					" files, more than Rebound reads at once. Upload it in parts.")
			case total > lim.MaxTotalBytes:
				return nil, apperr.New(apperr.Invalid, "This upload unpacks to more than "+strconv.FormatInt(lim.MaxTotalBytes>>20, 10)+
					" MB, more than Rebound reads at once. Upload it in parts.")
			case f.Err != nil:
				files = append(files, store.UploadedFile{Name: f.Name, Reason: refusalText(f.Err)})
			default:
				files = append(files, store.UploadedFile{Name: f.Name, Data: f.Data})
			}
		}
	}
}

// uploadName is a part's file name without the folders some browsers send.
func uploadName(p *multipart.Part) string {
	name := strings.ReplaceAll(p.FileName(), `\`, "/")
	if name == "" {
		return ""
	}
	return path.Base(name)
}

// refusalText is the words of a decoder's refusal.
func refusalText(err error) string {
	if r, ok := errors.AsType[*activity.Refusal](err); ok && r.Reason != "" {
		return r.Reason
	}
	return "Rebound could not read this file."
}

// importShow is an import job's page: its progress while files wait (it
// reloads itself every two seconds), then what became of each file.
func (s *Server) importShow(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "jid"), 10, 64)
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "No such import."))
		return
	}
	j, err := s.store.ImportJob(r.Context(), u, a.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := s.page(r, "Import of "+strconv.Itoa(len(j.Files))+" files")
	if !j.Done() {
		p.Refresh = 2
	}
	back := weekPath(a, s.athleteToday(a))
	for _, f := range j.Files {
		if f.Workout != nil {
			back = weekPath(a, f.Workout.Day) // the week of the (first) workout
			break
		}
	}
	s.render(w, r, http.StatusOK, uploads.Report(p, a, j, back))
}
