/* The Purpose of this query is to clean the data before the training*/
SELECT
 *
FROM `{{ source_dataset }}.{{ source_table }}`
