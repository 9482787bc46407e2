from codingdesk.lib.files import data_files, file_sha256


def test_data_files_leave_out_hidden_folders(tmp_path):
    (tmp_path / "hcpcs").mkdir()
    (tmp_path / ".partial" / "run-1").mkdir(parents=True)
    (tmp_path / "hcpcs" / "HCPC2026_JAN_ANWEB.txt").write_text("x")
    (tmp_path / ".partial" / "run-1" / "HCPC2026_APR_ANWEB.txt").write_text("half")
    assert data_files(tmp_path) == [tmp_path / "hcpcs" / "HCPC2026_JAN_ANWEB.txt"]


def test_a_hidden_data_directory_itself_is_read(tmp_path):
    folder = tmp_path / ".data"
    folder.mkdir()
    (folder / "GPCI2026.csv").write_text("x")
    assert data_files(folder, "*.csv") == [folder / "GPCI2026.csv"]


def test_file_sha256_is_the_digest_of_the_bytes(tmp_path):
    path = tmp_path / "file.txt"
    path.write_bytes(b"abc")
    assert file_sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
