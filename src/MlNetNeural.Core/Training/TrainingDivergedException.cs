namespace MlNetNeural.Core.Training;

/// <summary>Thrown when training diverges before any epoch produced usable weights; the message says why and what to do.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>What usually brings diverging training back.</summary>
    public const string Advice =
        "Lower the learning rate (for example by a factor of 10) or set a gradient clip norm; features and regression targets far from unit scale also diverge " +
        "(the ML.NET trainers scale both unless InputScaling or StandardizeLabel is turned off).";

    /// <summary>Creates the exception for a loss that became NaN or infinite.</summary>
    /// <param name="epoch">Epoch (from 1) in which training diverged.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    public TrainingDivergedException(int epoch, float learningRate) : this(epoch, learningRate, "the loss became NaN or infinite")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">Epoch (from 1) in which training diverged.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    /// <param name="reason">What showed the divergence, e.g. "the training loss grew to 1e14, ...".</param>
    public TrainingDivergedException(int epoch, float learningRate, string reason)
        : base($"Training diverged in epoch {epoch} at learning rate {learningRate}: {reason}. {Advice}")
    {
        Epoch = epoch;
        LearningRate = learningRate;
        Reason = reason;
    }

    /// <summary>Epoch (from 1) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate in use.</summary>
    public float LearningRate { get; }

    /// <summary>What showed the divergence.</summary>
    public string Reason { get; }
}
