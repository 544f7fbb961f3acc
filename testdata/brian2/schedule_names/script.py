# Brian2 2.5.1: automatic names of 11 neuron groups created in a row, and
# the order in which Network runs their state updaters (ties within one
# slot and order are broken by name, compared as strings).
# Run: python3 script.py > sorted_objects.txt (Debian python3-brian).
from brian2 import NeuronGroup, Network, ms

groups = [NeuronGroup(1, 'dv/dt = -v/(10*ms) : 1') for _ in range(11)]
net = Network(groups)
for obj in net.sorted_objects:
    print(obj.when, obj.order, obj.name)
