INSERT INTO owners (first_name, last_name, address, city, telephone) VALUES
  ('George', 'Franklin', '110 W. Liberty St.', 'Madison', '6085551023'),
  ('Betty', 'Davis', '638 Cardinal Ave.', 'Sun Prairie', '6085551749'),
  ('Eduardo', 'Rodriquez', '2693 Commerce St.', 'McFarland', '6085558763'),
  ('Harold', 'Davis', '563 Friendly St.', 'Windsor', '6085553198');

INSERT INTO pets (name, birth_date, owner_id) VALUES
  ('Leo', '2020-09-07', 1),
  ('Basil', '2022-08-06', 2),
  ('Rosy', '2021-04-17', 3),
  ('Iggy', '2020-11-30', 4);
