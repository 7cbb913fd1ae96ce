ALTER TABLE "events" ADD COLUMN "seats_taken" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Seats taken of each webinar, kept by the database whatever writes a registration (the API, a bulk load,
-- a cascade): +1 when a registration starts holding a seat, -1 when it stops.
CREATE FUNCTION event_registrations_seats_taken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'registered'
     AND (TG_OP = 'DELETE' OR NEW.status <> 'registered' OR NEW.event_id <> OLD.event_id) THEN
    UPDATE events SET seats_taken = seats_taken - 1 WHERE id = OLD.event_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'registered'
     AND (TG_OP = 'INSERT' OR OLD.status <> 'registered' OR NEW.event_id <> OLD.event_id) THEN
    UPDATE events SET seats_taken = seats_taken + 1 WHERE id = NEW.event_id;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER event_registrations_seats_taken
  AFTER INSERT OR UPDATE OF status, event_id OR DELETE ON event_registrations
  FOR EACH ROW EXECUTE FUNCTION event_registrations_seats_taken();
--> statement-breakpoint
UPDATE events e SET seats_taken = (
  SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered'
);
