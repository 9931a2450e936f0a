namespace MlNetNeural.Cli;

/// <summary>An input the tool cannot use that no library exception describes (e.g. a model that cannot be exported); the message says what to do.</summary>
internal sealed class CliInputException(string message, Exception? inner = null) : Exception(message, inner);
