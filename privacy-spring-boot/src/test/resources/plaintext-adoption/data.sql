-- rows a care backend wrote before it adopted Suoja: plaintext, no blind index
insert into client (id, organisation, responsible_employee, first_name, last_name, hetu, hetu_index)
values ('6f1c8f4e-2a51-4c6e-9b5c-0c0e1f6a0001', 'hoiva', 'aino.hoitaja', 'Helmi', 'Virtanen', '131052-308T', null);
insert into client (id, organisation, responsible_employee, first_name, last_name, hetu, hetu_index)
values ('6f1c8f4e-2a51-4c6e-9b5c-0c0e1f6a0002', 'hoiva', 'aino.hoitaja', 'Väinö', 'Mäkelä', '010203A1230', null);
