from setuptools import setup, find_packages


setup(
    name="amazon_reviews",
    version="0.0.1",
    packages=find_packages(),
    url="https://github.com/marvelousmlops/amazon-reviews-databricks",
    license="",
    author="Maria Vechtomova",
    author_email="marvelousmlops@gmail.com",
    description="Databricks serverless api deployment: amazon reviews public  dataset",
    python_requires=">=3.6"
)

