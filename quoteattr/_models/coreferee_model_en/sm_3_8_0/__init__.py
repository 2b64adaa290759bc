"""coreferee model for config entry sm_3_8_0; see TRAINING.md."""
