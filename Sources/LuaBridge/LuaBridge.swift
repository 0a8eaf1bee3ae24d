/// The LuaBridge module.
public enum LuaBridgeModule {}
