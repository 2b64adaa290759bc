"""coreferee English model, trained by scripts/train_coref_model.py."""
