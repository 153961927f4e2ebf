//! Teaching: the quiz's rules, tour steps and slides by stable ids, and the
//! worksheet, as plain data. The explorer, the presenter's view and the
//! exports (handout, web page, worksheet) all build on these, so a lesson
//! reads the same wherever it is given.

pub mod class;
pub mod quiz;
pub mod steps;
pub mod worksheet;
