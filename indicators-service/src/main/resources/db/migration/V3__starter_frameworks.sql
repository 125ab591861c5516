-- A STARTER SET, NOT OHCHR'S OFFICIAL LIST: a few rights, attributes and structural / process / outcome indicators
-- drawn up for OpenNRTD after the OHCHR conceptual framework (HR/PUB/12/5), for users to extend and adapt. Rows
-- carry origin 'STARTER'; additions through the API carry 'USER'.

insert into hr_right (code, name, description, origin) values
  ('EDUCATION', 'Right to education', 'Starter set, not OHCHR''s official list.', 'STARTER'),
  ('HEALTH', 'Right to the enjoyment of the highest attainable standard of physical and mental health', 'Starter set, not OHCHR''s official list.', 'STARTER'),
  ('WORK', 'Right to work', 'Starter set, not OHCHR''s official list.', 'STARTER'),
  ('NON_DISCRIMINATION', 'Non-discrimination and equality', 'Starter set, not OHCHR''s official list.', 'STARTER'),
  ('VIOLENCE_AGAINST_WOMEN', 'Violence against women', 'Starter set, not OHCHR''s official list.', 'STARTER');

insert into hr_attribute (code, right_code, name, origin) values
  ('EDU_UNIVERSAL_PRIMARY', 'EDUCATION', 'Universal primary education', 'STARTER'),
  ('EDU_ACCESSIBLE_SECONDARY', 'EDUCATION', 'Accessibility to secondary and higher education', 'STARTER'),
  ('EDU_CURRICULA', 'EDUCATION', 'Curricula and educational resources', 'STARTER'),
  ('HEALTH_SEXUAL_REPRODUCTIVE', 'HEALTH', 'Sexual and reproductive health', 'STARTER'),
  ('HEALTH_CHILD_MORTALITY', 'HEALTH', 'Child mortality and health care', 'STARTER'),
  ('HEALTH_ACCESS_FACILITIES', 'HEALTH', 'Accessibility to health facilities and essential medicines', 'STARTER'),
  ('WORK_ACCESS_DECENT', 'WORK', 'Access to decent and productive work', 'STARTER'),
  ('WORK_JUST_CONDITIONS', 'WORK', 'Just and safe working conditions', 'STARTER'),
  ('WORK_PROTECTION_UNEMPLOYMENT', 'WORK', 'Protection from forced labour and unemployment', 'STARTER'),
  ('ND_EQUALITY_BEFORE_LAW', 'NON_DISCRIMINATION', 'Equality before the law and protection of the person', 'STARTER'),
  ('ND_DIRECT_INDIRECT', 'NON_DISCRIMINATION', 'Direct or indirect discrimination by State agents and private actors', 'STARTER'),
  ('ND_SPECIAL_MEASURES', 'NON_DISCRIMINATION', 'Special measures, including for participation in decision-making', 'STARTER'),
  ('VAW_SEXUAL_REPRODUCTIVE', 'VIOLENCE_AGAINST_WOMEN', 'Sexual and reproductive health and harmful traditional practices', 'STARTER'),
  ('VAW_DOMESTIC', 'VIOLENCE_AGAINST_WOMEN', 'Domestic violence', 'STARTER'),
  ('VAW_WORKPLACE', 'VIOLENCE_AGAINST_WOMEN', 'Violence in the workplace, forced labour and trafficking', 'STARTER');

insert into hr_indicator (code, attribute_code, type, title, sdg_indicators, origin) values
  ('EDU_S_FREE_PRIMARY_LAW', 'EDU_UNIVERSAL_PRIMARY', 'STRUCTURAL', 'Date of entry into force and coverage of legislation establishing free and compulsory primary education', '{}', 'STARTER'),
  ('EDU_P_OUT_OF_SCHOOL', 'EDU_UNIVERSAL_PRIMARY', 'PROCESS', 'Proportion of children of primary-school age out of school', '{4.1.2}', 'STARTER'),
  ('EDU_O_COMPLETION_PRIMARY', 'EDU_UNIVERSAL_PRIMARY', 'OUTCOME', 'Completion rate of primary education', '{4.1.2}', 'STARTER'),
  ('EDU_P_SECONDARY_ENROLMENT', 'EDU_ACCESSIBLE_SECONDARY', 'PROCESS', 'Net enrolment ratio in secondary education', '{4.1.2}', 'STARTER'),
  ('EDU_O_MIN_PROFICIENCY', 'EDU_CURRICULA', 'OUTCOME', 'Proportion of young people achieving at least a minimum proficiency level in reading and mathematics', '{4.1.1}', 'STARTER'),
  ('EDU_S_HR_EDUCATION_POLICY', 'EDU_CURRICULA', 'STRUCTURAL', 'Existence of a national policy mainstreaming human-rights education in curricula', '{4.7.1}', 'STARTER'),
  ('HEALTH_P_SKILLED_BIRTH', 'HEALTH_SEXUAL_REPRODUCTIVE', 'PROCESS', 'Proportion of births attended by skilled health personnel', '{3.1.2}', 'STARTER'),
  ('HEALTH_O_MATERNAL_MORTALITY', 'HEALTH_SEXUAL_REPRODUCTIVE', 'OUTCOME', 'Maternal mortality ratio', '{3.1.1}', 'STARTER'),
  ('HEALTH_O_UNDER5_MORTALITY', 'HEALTH_CHILD_MORTALITY', 'OUTCOME', 'Under-five mortality rate', '{3.2.1}', 'STARTER'),
  ('HEALTH_P_IMMUNISATION', 'HEALTH_CHILD_MORTALITY', 'PROCESS', 'Proportion of the target population covered by all vaccines in the national programme', '{3.b.1}', 'STARTER'),
  ('HEALTH_S_ESSENTIAL_MEDICINES', 'HEALTH_ACCESS_FACILITIES', 'STRUCTURAL', 'Adoption of a national list of essential medicines', '{}', 'STARTER'),
  ('HEALTH_P_UHC_COVERAGE', 'HEALTH_ACCESS_FACILITIES', 'PROCESS', 'Coverage of essential health services', '{3.8.1}', 'STARTER'),
  ('WORK_O_UNEMPLOYMENT', 'WORK_ACCESS_DECENT', 'OUTCOME', 'Unemployment rate, by sex, age and persons with disabilities', '{8.5.2}', 'STARTER'),
  ('WORK_O_NEET', 'WORK_ACCESS_DECENT', 'OUTCOME', 'Proportion of youth not in education, employment or training', '{8.6.1}', 'STARTER'),
  ('WORK_O_GENDER_PAY', 'WORK_JUST_CONDITIONS', 'OUTCOME', 'Average hourly earnings of employees, by sex', '{8.5.1}', 'STARTER'),
  ('WORK_O_OCCUPATIONAL_INJURIES', 'WORK_JUST_CONDITIONS', 'OUTCOME', 'Fatal and non-fatal occupational injuries per 100,000 workers', '{8.8.1}', 'STARTER'),
  ('WORK_O_CHILD_LABOUR', 'WORK_PROTECTION_UNEMPLOYMENT', 'OUTCOME', 'Proportion of children aged 5 to 17 engaged in child labour', '{8.7.1}', 'STARTER'),
  ('WORK_S_ILO_RATIFICATIONS', 'WORK_PROTECTION_UNEMPLOYMENT', 'STRUCTURAL', 'Ratification of the ILO fundamental conventions', '{}', 'STARTER'),
  ('ND_S_ANTI_DISCRIMINATION_LAW', 'ND_EQUALITY_BEFORE_LAW', 'STRUCTURAL', 'Whether legal frameworks promote, enforce and monitor equality and non-discrimination', '{5.1.1}', 'STARTER'),
  ('ND_O_FELT_DISCRIMINATED', 'ND_DIRECT_INDIRECT', 'OUTCOME', 'Proportion of the population reporting having personally felt discriminated against or harassed in the previous 12 months', '{10.3.1,16.b.1}', 'STARTER'),
  ('ND_P_COMPLAINTS_RESOLVED', 'ND_DIRECT_INDIRECT', 'PROCESS', 'Proportion of discrimination complaints investigated and resolved by the national human rights institution or an equality body', '{}', 'STARTER'),
  ('ND_O_WOMEN_PARLIAMENT', 'ND_SPECIAL_MEASURES', 'OUTCOME', 'Proportion of seats held by women in national parliament and local governments', '{5.5.1}', 'STARTER'),
  ('VAW_O_FGM', 'VAW_SEXUAL_REPRODUCTIVE', 'OUTCOME', 'Proportion of girls and women aged 15 to 49 who have undergone female genital mutilation', '{5.3.2}', 'STARTER'),
  ('VAW_O_CHILD_MARRIAGE', 'VAW_SEXUAL_REPRODUCTIVE', 'OUTCOME', 'Proportion of women aged 20 to 24 who were married or in a union before age 15 and before age 18', '{5.3.1}', 'STARTER'),
  ('VAW_S_DOMESTIC_VIOLENCE_LAW', 'VAW_DOMESTIC', 'STRUCTURAL', 'Entry into force of legislation criminalising domestic violence, including marital rape', '{}', 'STARTER'),
  ('VAW_P_SHELTERS', 'VAW_DOMESTIC', 'PROCESS', 'Number of places in shelters for women victims of violence per 10,000 population', '{}', 'STARTER'),
  ('VAW_O_PARTNER_VIOLENCE', 'VAW_DOMESTIC', 'OUTCOME', 'Proportion of ever-partnered women subjected to violence by a current or former intimate partner in the previous 12 months', '{5.2.1}', 'STARTER'),
  ('VAW_O_TRAFFICKING_VICTIMS', 'VAW_WORKPLACE', 'OUTCOME', 'Number of victims of human trafficking per 100,000 population, by sex, age and form of exploitation', '{16.2.2}', 'STARTER');

-- The disaggregation catalogue: dimension codes as in the SDG data structure (SDMX) where there is one.
insert into dimension (code, name, user_defined) values
  ('SEX', 'Sex', false),
  ('AGE', 'Age group', false),
  ('DISABILITY_STATUS', 'Disability status', false),
  ('URBANISATION', 'Urban / rural', false),
  ('REGION', 'Subnational region', false),
  ('INCOME_WEALTH_QUANTILE', 'Income or wealth quintile', false),
  ('ETHNICITY', 'Ethnicity', false),
  ('MIGRATORY_STATUS', 'Migratory status', false);

insert into dimension_code (dimension_code, code, name, ordinal) values
  ('SEX', 'F', 'Female', 1),
  ('SEX', 'M', 'Male', 2),
  ('AGE', 'Y0T4', 'Under 5 years', 1),
  ('AGE', 'Y0T14', 'Under 15 years', 2),
  ('AGE', 'Y5T17', '5 to 17 years', 3),
  ('AGE', 'Y15T24', '15 to 24 years', 4),
  ('AGE', 'Y15T49', '15 to 49 years', 5),
  ('AGE', 'Y25T64', '25 to 64 years', 6),
  ('AGE', 'Y_GE15', '15 years and over', 7),
  ('AGE', 'Y_GE65', '65 years and over', 8),
  ('DISABILITY_STATUS', 'PD', 'Persons with disability', 1),
  ('DISABILITY_STATUS', 'PWD', 'Persons without disability', 2),
  ('URBANISATION', 'U', 'Urban', 1),
  ('URBANISATION', 'R', 'Rural', 2),
  ('INCOME_WEALTH_QUANTILE', 'Q1', 'Poorest quintile', 1),
  ('INCOME_WEALTH_QUANTILE', 'Q2', 'Second quintile', 2),
  ('INCOME_WEALTH_QUANTILE', 'Q3', 'Middle quintile', 3),
  ('INCOME_WEALTH_QUANTILE', 'Q4', 'Fourth quintile', 4),
  ('INCOME_WEALTH_QUANTILE', 'Q5', 'Richest quintile', 5),
  ('MIGRATORY_STATUS', 'MIGRANT', 'Migrants', 1),
  ('MIGRATORY_STATUS', 'NON_MIGRANT', 'Non-migrants', 2),
  ('MIGRATORY_STATUS', 'REFUGEE', 'Refugees', 3);
