/// The HearthCore module.
public enum HearthCoreModule {}
