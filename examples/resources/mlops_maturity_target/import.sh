# A scaffold is imported by its output folder; the manifest in
# <output_dir>/.mlops/manifest.json holds everything else.
terraform import mlops_maturity_target.churn ./churn-model
