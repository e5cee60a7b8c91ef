def test_dummy():
    pass
