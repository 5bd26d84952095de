"""The site engine: MkDocs with Material, the only part of Vigil that imports MkDocs."""
