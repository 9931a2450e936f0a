namespace MlNetNeural.Core.Serialization;

/// <summary>Thrown when saved network data is not a valid MlNetNeural network (wrong magic, unknown version, truncated or corrupt).</summary>
public sealed class InvalidNetworkFileException : Exception
{
    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public InvalidNetworkFileException(string message) : base(message)
    {
    }
}
