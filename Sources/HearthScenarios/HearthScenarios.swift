/// The HearthScenarios module.
public enum HearthScenariosModule {}
