"""The logistic-regression model in PyTorch and in Keras: one unit, no activation, a loss on
logits. The frameworks are imported inside the functions: this site's tests run without them
(tests/test_frameworks.py checks the code statically, and runs it where a framework is
installed)."""


# --8<-- [start:torch]
def torch_model(n):
    import torch

    model = torch.nn.Linear(n, 1)  # z = x @ w + b: one unit, no activation
    loss_fn = torch.nn.BCEWithLogitsLoss()  # the sigmoid is inside the loss
    return model, loss_fn  # probabilities, when needed: torch.sigmoid(model(x))


# --8<-- [end:torch]


# --8<-- [start:keras]
def keras_model(n):
    import keras

    model = keras.Sequential([keras.Input((n,)), keras.layers.Dense(1)])  # no activation
    model.compile(optimizer="sgd", loss=keras.losses.BinaryCrossentropy(from_logits=True))
    return model  # probabilities, when needed: keras.ops.sigmoid(model(x))


# --8<-- [end:keras]
