namespace MlNetNeural.Federated;

/// <summary>A federated study cannot go on: the sites disagree about the data's shape, too few answered, or the coordinator failed. The message says which and why.</summary>
public sealed class FederatedTrainingException : Exception
{
    /// <summary>Creates the exception with its explanation.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public FederatedTrainingException(string message) : base(message)
    {
    }
}
