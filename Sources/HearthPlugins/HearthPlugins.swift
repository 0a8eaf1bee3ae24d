/// The HearthPlugins module.
public enum HearthPluginsModule {}
