-- Receipt codes in one spelling, XXXX-XXXX, as the server now stores them. A code whose
-- canonical spelling another form of the commune already holds is left as it was.
update forms
   set receipt_code = substr(c.code, 1, 4) || '-' || substr(c.code, 5, 4)
  from (select id, upper(replace(replace(receipt_code, '-', ''), ' ', '')) as code from forms) c
 where c.id = forms.id
   and length(c.code) = 8
   and forms.receipt_code <> substr(c.code, 1, 4) || '-' || substr(c.code, 5, 4)
   and not exists (
       select 1 from forms other
        where other.commune_id = forms.commune_id
          and other.receipt_code = substr(c.code, 1, 4) || '-' || substr(c.code, 5, 4)
   );
