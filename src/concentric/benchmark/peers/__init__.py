"""The peers a Django developer would otherwise pick, measured on the bench's data in a process
of their own (they need django.contrib.admin and django-import-export, which Concentric itself
does not install as apps): the stock admin changelist and django-import-export's import."""
