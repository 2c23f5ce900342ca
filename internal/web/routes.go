package web

import (
	"net/http"

	"rebound/internal/training"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes is the whole HTTP surface of the app in one place. The matrix
// test in authz_test.go walks it: a route added here needs a row there.
func (s *Server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(
		requestID,
		s.logRequests,
		// HEAD is answered by the GET route without the body: uptime
		// monitors, calendar apps and mail link scanners send it.
		middleware.GetHead,
		s.recoverPanics,
		securityHeaders(s.cfg.SecureCookies()),
		http.NewCrossOriginProtection().Handler,
		timeout(s.cfg.RequestTimeout),
		compressor().Handler,
	)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	// Uploads of workout files have a body limit of their own
	// (MaxUploadBytes, checked by the handler to answer with a page).
	r.Group(func(r chi.Router) {
		r.Use(s.loadSessions, s.authenticate, s.requireUser)
		r.Post("/athletes/{id}/imports", s.importCreate)
	})

	r.Group(func(r chi.Router) {
		r.Use(limitBody(s.cfg.MaxBodyBytes))
		s.bodyRoutes(r)
	})
	return r
}

// bodyRoutes are every route but uploads, under the app's body limit.
func (s *Server) bodyRoutes(r chi.Router) {
	// No session, no database: cheap enough for probes and caches.
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Get("/static/*", s.static)
	// The calendar feed: the token in the path is the credential (the log
	// shows the route pattern, not the token), so no session.
	r.Get("/calendar/{token}.ics", s.calendarFeed)

	r.Group(func(r chi.Router) {
		r.Use(s.loadSessions, s.authenticate)

		r.Get("/", s.home)
		r.Get("/signup", s.signupForm)
		r.Post("/signup", s.signup)
		r.Get("/login", s.loginForm)
		r.Post("/login", s.login)
		r.Post("/logout", s.logout)
		r.Get("/invite/{token}", s.inviteForm)
		r.Post("/invite/{token}", s.acceptInvite)
		r.Get("/reset", s.forgotForm)
		r.Post("/reset", s.forgotSend)
		r.Get("/reset/{token}", s.resetForm)
		r.Post("/reset/{token}", s.resetPassword)
		// The link's token is the credential: no sign-in needed.
		r.Get("/account/email/{token}", s.emailConfirmForm)
		r.Post("/account/email/{token}", s.emailConfirm)

		r.Group(func(r chi.Router) {
			r.Use(s.requireUser)
			r.Get("/account", s.accountPage)
			r.Post("/account", s.accountSave)
			r.Get("/account/password", s.passwordForm)
			r.Post("/account/password", s.passwordChange)
			r.Get("/account/email", s.emailForm)
			r.Post("/account/email", s.emailChange)
			r.Post("/account/notifications", s.notificationsSave)
			r.Post("/account/sign-out-everywhere", s.signOutEverywhere)
			r.Get("/notifications", s.notificationsPage)
			// The coach, or the athlete themself (others get 404 from the store).
			r.Get("/athletes/{id}", s.athleteShow)
			r.Get("/athletes/{id}/weeks", s.weekNow)
			r.Get("/athletes/{id}/weeks/{day}", s.week)
			r.Get("/athletes/{id}/weeks/{day}/print", s.weekPrint)
			r.Get("/athletes/{id}/workouts/{wid}/log", s.workoutLogForm)
			r.Post("/athletes/{id}/workouts/{wid}/log", s.workoutLog)
			r.Get("/athletes/{id}/log", s.unplannedForm)
			r.Post("/athletes/{id}/log", s.unplannedLog)
			r.Get("/athletes/{id}/checkins", s.checkinHistory)
			r.Get("/athletes/{id}/checkins/import", s.importForm)
			r.Post("/athletes/{id}/checkins/import", s.importUpload)
			r.Get("/athletes/{id}/plan", s.planShow)
			r.Get("/athletes/{id}/plan/history", s.planHistory)
			r.Post("/athletes/{id}/calendar", s.calendarCreate)
			r.Post("/athletes/{id}/calendar/revoke", s.calendarRevoke)
			r.Get("/athletes/{id}/export.json", s.exportAthleteJSON)
			r.Get("/athletes/{id}/export/checkins.csv", s.exportAthleteCheckIns)
			r.Get("/athletes/{id}/export/workouts.csv", s.exportAthleteWorkouts)
			r.Get("/athletes/{id}/workouts/{wid}", s.workoutShow)
			r.Post("/athletes/{id}/workouts/{wid}/rpe", s.workoutRate)
			r.Post("/athletes/{id}/workouts/{wid}/match", s.workoutMatch)
			r.Get("/athletes/{id}/imports/new", s.importNew)
			r.Get("/athletes/{id}/imports/{jid}", s.importShow)
			r.Get("/athletes/{id}/activities/{aid}/file", s.activityFile)
			// Conversations: the athlete and their coach, a thread per subject.
			r.Get("/athletes/{id}/comments", s.commentList)
			r.Get("/athletes/{id}/workouts/{wid}/comments", s.threadPage(training.SubjectWorkout))
			r.Post("/athletes/{id}/workouts/{wid}/comments", s.threadPost(training.SubjectWorkout))
			r.Get("/athletes/{id}/checkins/{day}/comments", s.threadPage(training.SubjectCheckIn))
			r.Post("/athletes/{id}/checkins/{day}/comments", s.threadPost(training.SubjectCheckIn))
			r.Get("/athletes/{id}/weeks/{day}/comments", s.threadPage(training.SubjectWeek))
			r.Post("/athletes/{id}/weeks/{day}/comments", s.threadPost(training.SubjectWeek))
			r.Get("/athletes/{id}/comments/{cid}/edit", s.commentEditForm) // the author's own, for 15 minutes
			r.Post("/athletes/{id}/comments/{cid}/edit", s.commentEdit)
			r.Post("/athletes/{id}/comments/{cid}/delete", s.commentDelete)
			r.Get("/checkin", s.checkinPage) // the athlete's own; coaches get 404
			r.Post("/checkin", s.checkinSave)

			r.Group(func(r chi.Router) {
				r.Use(s.requireCoach)
				r.Get("/athletes", s.athleteList)
				r.Get("/export/checkins.csv", s.exportAllCheckIns)
				r.Get("/export/workouts.csv", s.exportAllWorkouts)
				r.Get("/weeks/{day}/print", s.rosterPrint)
				r.Get("/athletes/new", s.athleteNewForm)
				r.Post("/athletes/new", s.athleteCreate)
				r.Get("/athletes/{id}/invite", s.athleteInvitePage)
				r.Post("/athletes/{id}/invite", s.athleteInvite)
				r.Get("/athletes/{id}/invite/new", s.athleteInviteConfirm) // asks before a new link replaces one
				r.Post("/athletes/{id}/invite/send", s.athleteInviteSend)
				r.Post("/athletes/{id}/invite/revoke", s.athleteInviteRevoke)
				r.Post("/athletes/{id}/password-reset", s.athletePasswordReset)
				r.Get("/athletes/{id}/edit", s.athleteEditForm)
				r.Post("/athletes/{id}/edit", s.athleteUpdate)
				r.Post("/athletes/{id}/archive", s.athleteArchive)
				r.Post("/athletes/{id}/restore", s.athleteRestore)
				r.Get("/athletes/{id}/events/new", s.eventFormPage)
				r.Post("/athletes/{id}/events/new", s.eventSave)
				r.Get("/athletes/{id}/events/{eid}/edit", s.eventFormPage)
				r.Post("/athletes/{id}/events/{eid}/edit", s.eventSave)
				r.Post("/athletes/{id}/events/{eid}/delete", s.eventDelete)
				r.Get("/athletes/{id}/workouts/new", s.workoutNewForm)
				r.Post("/athletes/{id}/workouts/new", s.workoutCreate)
				r.Get("/athletes/{id}/workouts/{wid}/edit", s.workoutEditForm)
				r.Post("/athletes/{id}/workouts/{wid}/edit", s.workoutUpdate)
				r.Post("/athletes/{id}/workouts/{wid}/delete", s.workoutDelete)
				r.Get("/athletes/{id}/plan/new", s.planNewForm)
				r.Post("/athletes/{id}/plan/preview", s.planPreview)
				r.Post("/athletes/{id}/plan", s.planSave)
				r.Post("/athletes/{id}/plan/undo", s.planUndo)
				r.Post("/athletes/{id}/proposals/{pid}/apply", s.proposalApply)
				r.Post("/athletes/{id}/proposals/{pid}/dismiss", s.proposalDismiss)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireAdmin)
				r.Get("/coaches", s.coachList)
				r.Post("/coaches/invite", s.coachInvite)
			})
		})
	})
}
