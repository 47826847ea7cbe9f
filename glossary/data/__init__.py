"""Built-in glossary data (YAML), shipped inside the package."""
