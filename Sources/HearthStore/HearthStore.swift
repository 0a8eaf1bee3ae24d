/// The HearthStore module.
public enum HearthStoreModule {}
