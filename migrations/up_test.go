package migrations_test

import (
	"context"
	"database/sql"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for database/sql

	"rebound/internal/pgtest"
	"rebound/migrations"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var (
	functionHeader = regexp.MustCompile(`(?m)^CREATE (?:OR REPLACE )?(?:FUNCTION|AGGREGATE) (\w+)\(`)
	triggerHeader  = regexp.MustCompile(`(?m)^CREATE (?:OR REPLACE |CONSTRAINT )?TRIGGER (\w+) `)
	functionDrop   = regexp.MustCompile(`(?m)^DROP FUNCTION (?:IF EXISTS )?(\w+)\(`)
	functionBody   = regexp.MustCompile(`(?s)\nCREATE OR REPLACE FUNCTION (\w+)\(.*?AS \$\$(.*?)\$\$;`)
)

// A database migrated by an older release, whose function bodies are
// not those of today's files (an edited migration left them behind), runs
// the current functions once upgraded: the same as a fresh database, and
// the same as the files say.
func TestUpgradeRunsTheCurrentFunctions(t *testing.T) {
	ctx := context.Background()
	fresh := pgtest.DSN(t)

	old := emptyDatabase(t)
	db := openDB(t, old)
	provider, err := migrations.NewProvider(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := provider.UpTo(ctx, 20); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE OR REPLACE FUNCTION athlete_week_start(day date, sunday boolean) RETURNS date
		LANGUAGE sql IMMUTABLE AS $$ SELECT day $$`); err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Up(ctx, db, nil); err != nil {
		t.Fatal(err)
	}

	upgraded, want := definitions(t, old), definitions(t, fresh)
	if !maps.Equal(upgraded, want) {
		for name, def := range want {
			if upgraded[name] != def {
				t.Errorf("%s upgraded:\n%s\nfresh:\n%s", name, upgraded[name], def)
			}
		}
		t.Fatalf("the upgraded database has %d functions and triggers, a fresh one %d", len(upgraded), len(want))
	}

	bodies := fileBodies(t)
	for _, dsn := range []string{old, fresh} {
		conn := connect(t, dsn)
		for name, body := range bodies {
			var src string
			if err := conn.QueryRow(ctx, "SELECT prosrc FROM pg_proc WHERE proname = $1 AND pronamespace = 'public'::regnamespace", name).Scan(&src); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if src != body {
				t.Errorf("%s in the database differs from its file:\n%s\nfile:\n%s", name, src, body)
			}
		}
	}
}

// An applied migration whose file changed stops the start with a message
// that names it; checksums are recorded for the migrations applied before
// there were any.
func TestAChangedAppliedMigrationIsRefused(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	db := openDB(t, dsn)
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		t.Fatal(err)
	}

	if _, err := db.ExecContext(ctx, "DROP TABLE schema_migration_checksums"); err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Up(ctx, db, nil); err != nil {
		t.Fatal(err)
	}
	var recorded int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migration_checksums").Scan(&recorded); err != nil {
		t.Fatal(err)
	}
	if recorded != len(files) {
		t.Fatalf("%d checksums recorded for %d applied migrations", recorded, len(files))
	}

	if _, err := db.ExecContext(ctx, "UPDATE schema_migration_checksums SET sha256 = repeat('0', 64) WHERE version = 13"); err != nil {
		t.Fatal(err)
	}
	_, err = migrations.Up(ctx, db, nil)
	if err == nil || !strings.Contains(err.Error(), "migration 00013_athlete_status.sql was changed after it was applied") ||
		!strings.Contains(err.Error(), "new migration") {
		t.Fatalf("Up with an edited migration: %v", err)
	}
}

// Every function and trigger a migration ever defined has its current
// definition in migrations/functions, unless a later migration dropped it
// for good, and a migrated database holds
// exactly the functions and triggers those files define. The files can be
// applied again on a current database.
func TestEveryFunctionHasItsFile(t *testing.T) {
	ctx := context.Background()
	inFiles := map[string]bool{}
	functionFiles, err := fs.Glob(migrations.Functions, "functions/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range functionFiles {
		for _, name := range definedNames(t, migrations.Functions, file) {
			if inFiles[name] {
				t.Errorf("%s is defined in more than one file of migrations/functions", name)
			}
			inFiles[name] = true
		}
	}
	migrationFiles, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	retired := map[string]bool{} // dropped by a migration's Up
	for _, file := range migrationFiles {
		text, err := fs.ReadFile(migrations.FS, file)
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(text), "-- +goose Down")
		for _, m := range functionDrop.FindAllStringSubmatch(up, -1) {
			retired["function "+m[1]] = true
		}
	}
	for name := range retired {
		if inFiles[name] {
			t.Errorf("%s is dropped by a migration but defined in migrations/functions", name)
		}
	}
	for _, file := range migrationFiles {
		for _, name := range definedNames(t, migrations.FS, file) {
			if !inFiles[name] && !retired[name] {
				t.Errorf("%s (defined in %s) has no current definition in migrations/functions", name, file)
			}
		}
	}

	dsn := pgtest.DSN(t)
	inDatabase := map[string]bool{}
	for name := range definitions(t, dsn) {
		inDatabase[name] = true
	}
	if !maps.Equal(inDatabase, inFiles) {
		t.Errorf("the database defines %v,\nthe files %v", slices.Sorted(maps.Keys(inDatabase)), slices.Sorted(maps.Keys(inFiles)))
	}

	db := openDB(t, dsn)
	if _, err := db.ExecContext(ctx, "DELETE FROM schema_function_checksums"); err != nil {
		t.Fatal(err)
	}
	if _, err := migrations.Up(ctx, db, nil); err != nil {
		t.Fatalf("applying the functions again: %v", err)
	}
}

// definedNames lists the functions (aggregates too) and triggers a file
// creates, as "function NAME" and "trigger NAME".
func definedNames(t *testing.T, fsys fs.FS, file string) []string {
	t.Helper()
	text, err := fs.ReadFile(fsys, file)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for kind, re := range map[string]*regexp.Regexp{"function ": functionHeader, "trigger ": triggerHeader} {
		for _, m := range re.FindAllSubmatch(text, -1) {
			names = append(names, kind+string(m[1]))
		}
	}
	return names
}

// fileBodies maps each function of migrations/functions to its body.
func fileBodies(t *testing.T) map[string]string {
	t.Helper()
	files, err := fs.Glob(migrations.Functions, "functions/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, file := range files {
		text, err := fs.ReadFile(migrations.Functions, file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range functionBody.FindAllSubmatch(append([]byte("\n"), text...), -1) {
			bodies[string(m[1])] = string(m[2])
		}
	}
	if len(bodies) == 0 {
		t.Fatal("no function found in migrations/functions")
	}
	return bodies
}

// definitions maps "function NAME" and "trigger NAME" to the database's
// definition of each function, aggregate and trigger of the schema.
func definitions(t *testing.T, dsn string) map[string]string {
	t.Helper()
	rows, err := connect(t, dsn).Query(context.Background(), `
		SELECT 'function ' || p.proname,
			CASE WHEN p.prokind = 'a' THEN format('aggregate %s(%s) sfunc %s stype %s', p.proname,
				pg_get_function_identity_arguments(p.oid), a.aggtransfn, format_type(a.aggtranstype, NULL))
			ELSE pg_get_functiondef(p.oid) END
		FROM pg_proc p LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
		WHERE p.pronamespace = 'public'::regnamespace
		UNION ALL
		SELECT 'trigger ' || t.tgname, pg_get_triggerdef(t.oid)
		FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
		WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal`)
	if err != nil {
		t.Fatal(err)
	}
	defs := map[string]string{}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			t.Fatal(err)
		}
		if _, twice := defs[name]; twice {
			t.Fatalf("%s is defined twice (overloaded or on two tables)", name)
		}
		defs[name] = def
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return defs
}

// emptyDatabase is a database with nothing in it, as before a first start.
func emptyDatabase(t *testing.T) string {
	t.Helper()
	dsn := pgtest.DSN(t)
	if _, err := connect(t, dsn).Exec(context.Background(), "DROP SCHEMA public CASCADE; CREATE SCHEMA public"); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func openDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
