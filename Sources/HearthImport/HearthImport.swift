/// The HearthImport module.
public enum HearthImportModule {}
